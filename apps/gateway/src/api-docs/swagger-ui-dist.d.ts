// swagger-ui-dist ships no types; this file of it only tells where its assets are.
declare module 'swagger-ui-dist/absolute-path.js' {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
