#!/usr/bin/env node
import { runCliMain } from '@mwana/core';
import { malawi } from './country';

runCliMain(malawi, process.argv.slice(2));
