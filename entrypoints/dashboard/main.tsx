import '../../components/theme.css';
import './dashboard.css';
import { render } from 'preact';
import { Dashboard } from './Dashboard.tsx';

const root = document.getElementById('app');
if (root) render(<Dashboard />, root);
