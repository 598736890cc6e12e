export { malawi } from './country';
export { AppModule } from './app.module';
