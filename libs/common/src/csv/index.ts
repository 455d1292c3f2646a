// Reading CSV files: decoding, a bounded one-pass parser, header mapping, typed rows, row errors and
// progress. The schools service's GIAS and Ofsted imports use it; a staff list is read the same way.
export * from './decode';
export * from './parser';
export * from './header-map';
export * from './row';
export * from './import';
export * from './dates';
export * from './upload-queue';
