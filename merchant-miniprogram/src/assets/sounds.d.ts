/** Sound files shipped in the app: the bundler gives their URL (a file path in weapp). */
declare module '*.wav' {
  const url: string;
  export default url;
}
