/**
 * The API as an OpenAPI 3.1 document, served at /api/v1/openapi.json: generated from the core's contracts (the route
 * table and the zod schemas the server validates with and the clients type their calls with), never written by hand.
 */
import { openApiDocument } from '@svod/shared';
import { DEFAULT_LIMITS } from '../uploads/limits';

export const openapi = openApiDocument(DEFAULT_LIMITS);
