// class-transformer keeps @Type metadata here without exporting its type from the package root.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    findTypeMetadata(target: Function, propertyName: string): { typeFunction: () => unknown } | undefined;
  };
}
