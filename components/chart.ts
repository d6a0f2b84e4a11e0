/** What the SVG charts share: their own drawing units (they scale to the width given), and outlet labels. */
export const CHART_WIDTH = 640;
export const LABEL_WIDTH = 170;
/** Outlet names longer than this are cut in a drawing; the table beside it has them whole. */
const LABEL_CHARS = 26;

export const cutLabel = (text: string) =>
  text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
