import { parseTopicPack, type TopicPack } from '../pack.ts';
import aiCompute from './ai-compute.json';
import aiComputeModel from './ai-compute.model.json';

function builtIn(data: unknown, name: string): TopicPack {
  const result = parseTopicPack(data);
  // A broken built-in pack is a bug in this repository, caught by its unit test: fail loudly.
  if (!result.ok) throw new Error(`Built-in topic pack ${name} is invalid: ${result.error}`);
  return result.value;
}

/** The pack's rules with its learned second opinion (trained by `npm run train:detect`). */
export const BUILT_IN_PACKS: readonly TopicPack[] = [
  builtIn({ ...aiCompute, model: aiComputeModel }, 'ai-compute'),
];
