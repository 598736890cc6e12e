export { zambia } from './country';
export { AppModule } from './app.module';
