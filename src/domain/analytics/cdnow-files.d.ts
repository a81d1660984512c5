// The CDNOW files the tests import as text (Vite's `?raw`), typed here because src/domain's own
// tsconfig has no Vite types. The longer patterns win over vite/client's `*?raw` in the app config.
declare module '*CDNOW_sample.txt?raw' {
  const text: string;
  export default text;
}
declare module '*cdnow_customers_summary.csv?raw' {
  const text: string;
  export default text;
}
