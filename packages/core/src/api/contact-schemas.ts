import { z } from 'zod';
import { errorBody } from './message-schemas';
import type { ApiOperation, ApiResponse } from './openapi-registry';

// The contacts API's shapes: the routes validate with these and the OpenAPI document is
// generated from them.

const phones = z
  .array(z.string().trim().min(3).max(64))
  .min(1)
  .max(10)
  .describe('Phone numbers in any writing (0977123456, +260977123456); stored in E.164');
const roles = z
  .array(z.string().trim().min(1).max(40))
  .max(10)
  .describe('Role slugs the installed apps declare (`mwana contacts roles`); the first is the one replies speak of');
const locationId = z.number().int().positive().nullable().describe('A location id (app-locations); null for none');
const language = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .nullable()
  .describe("A language code (or name) of the country's; null for the country default");

export const contactIdParams = z.strictObject({ id: z.coerce.number().int().positive().describe('A contact id') });

export const contactsQuery = z.strictObject({
  role: z.string().trim().min(1).max(40).optional().describe('Only contacts with this role'),
  locationId: z.coerce.number().int().positive().optional().describe('Only contacts at this location'),
  inactive: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: deactivated contacts too (by default only active ones)'),
  cursor: z.coerce.number().int().nonnegative().optional().describe("The previous page's `next`"),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Contacts per page'),
});

export const contactBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    phones,
    roles: roles.default([]),
    locationId: locationId.optional(),
    language: language.optional(),
  })
  .meta({ id: 'NewContact' });

export const contactPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    phones: phones.optional().describe('Replaces its phones (none may be another active contact’s)'),
    roles: roles.optional().describe('Replaces its roles'),
    locationId: locationId.optional(),
    language: language.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .meta({ id: 'ContactChanges' });

export const contact = z
  .object({
    id: z.number().int(),
    name: z.string(),
    phones: z.array(z.string()).describe('E.164, its default (first) phone first; none once deactivated'),
    roles: z.array(z.string()),
    locationId: z.number().int().nullable(),
    language: z.string().nullable().describe('Null: the country default'),
    active: z.boolean(),
    helpAdmin: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Contact' });

export const contactPage = z
  .object({
    contacts: z.array(contact),
    next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  })
  .meta({ id: 'ContactPage' });

export type ApiContact = z.output<typeof contact>;

const error = (description: string): ApiResponse => ({ description, schema: errorBody });
const denied = (scope: string) => ({
  '401': error('No console session and no valid API token.'),
  '403': error(`A token without the ${scope} scope, or a session POST without its CSRF token.`),
  '429': { ...error('Too many requests from this token or address.'), headers: { 'retry-after': 'Seconds to wait' } },
});
const refused = error(
  'A bad body, a phone that is not a number, an undeclared role, a language or location the country does not have; nothing changed.',
);

export const CONTACT_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/api/contacts',
    operationId: 'listContacts',
    tags: ['contacts'],
    summary: 'Contacts by role and location, by id, paged by cursor (scope read)',
    query: contactsQuery,
    responses: {
      '200': { description: 'A page of contacts', schema: contactPage },
      '400': error('A bad query; `message` says which field.'),
      ...denied('read'),
    },
  },
  {
    method: 'post',
    path: '/api/contacts',
    operationId: 'createContact',
    tags: ['contacts'],
    summary: 'A new contact with its phones, roles, location and language (scope admin)',
    body: { schema: contactBody },
    responses: {
      '201': { description: 'Created', schema: contact },
      '400': refused,
      '409': error('An active contact has one of these phones (the message names it); nothing changed.'),
      ...denied('admin'),
    },
  },
  {
    method: 'get',
    path: '/api/contacts/{id}',
    operationId: 'getContact',
    tags: ['contacts'],
    summary: 'One contact, active or not (scope read)',
    params: contactIdParams,
    responses: {
      '200': { description: 'The contact', schema: contact },
      '400': error('Not a contact id.'),
      '404': error('No such contact.'),
      ...denied('read'),
    },
  },
  {
    method: 'patch',
    path: '/api/contacts/{id}',
    operationId: 'updateContact',
    tags: ['contacts'],
    summary: 'Change a contact: the fields given (phones and roles replace its own) (scope admin)',
    params: contactIdParams,
    body: { schema: contactPatch },
    responses: {
      '200': { description: 'The contact as it now is', schema: contact },
      '400': refused,
      '404': error('No such contact.'),
      '409': error('Another active contact has one of these phones; nothing changed.'),
      ...denied('admin'),
    },
  },
  {
    method: 'post',
    path: '/api/contacts/{id}/deactivate',
    operationId: 'deactivateContact',
    tags: ['contacts'],
    summary: 'Deactivate a contact: kept with its history, its phones unlinked, reached no more (scope admin)',
    params: contactIdParams,
    responses: {
      '200': { description: 'The contact, inactive', schema: contact },
      '400': error('Not a contact id.'),
      '404': error('No such contact.'),
      ...denied('admin'),
    },
  },
];
