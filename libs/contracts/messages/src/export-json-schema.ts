// Prints every contract schema as one JSON Schema document, the input of the AsyncAPI generator:
//   node libs/contracts/messages/src/export-json-schema.ts > contracts.schema.json
import { exportJsonSchemaDocument } from './json-schema/export-json-schemas.ts';

process.stdout.write(`${JSON.stringify(exportJsonSchemaDocument(), null, 2)}\n`);
