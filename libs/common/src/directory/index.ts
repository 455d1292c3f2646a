export * from './school-directory.entity';
export * from './create-school-directory.migration';
export * from './school-directory.handlers';
export * from './school-directory.service';
export * from './school-directory.module';
