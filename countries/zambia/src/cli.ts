#!/usr/bin/env node
import { runCliMain } from '@mwana/core';
import { zambia } from './country';

runCliMain(zambia, process.argv.slice(2));
