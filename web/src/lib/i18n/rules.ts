import type { LimitRule, SchemaKeyword, TicketRule } from '../../../../src/format/rules';
import type { Language } from './messages';

/** Rules the API names in a problem's `errors` besides the ticket format's own. */
type ApiRule =
  | 'json'
  | 'cursor'
  | 'forbidden'
  | 'date-range'
  | 'max-range'
  | 'customer-registered'
  | 'customer-suspended'
  | 'store-registered'
  | 'store-binding'
  | 'ticket-conflict'
  | 'original-recorded'
  | 'original-line'
  | 'return-amount'
  | 'return-currency'
  | 'return-customer'
  | 'return-gtin'
  | 'return-quantity'
  | 'return-unit'
  | 'insufficient-points'
  | 'lots-fragmented'
  | 'transfer-self'
  | 'transfer-conflict'
  | 'grant-conflict'
  | 'grant-customer'
  | 'grant-unknown'
  | 'grant-used'
  | 'overlapping-prefix'
  | 'prefix-claimed'
  | 'restricted-prefix'
  // The registry's (issue 20 §2): a list with the same entry twice (a manufacturer's prefixes).
  | 'uniqueItems';

/** Every rule code the API can name; the compiler wants a message in each language for each. */
export type RuleCode = TicketRule | SchemaKeyword | LimitRule | ApiRule;

type RuleMessages = Readonly<Record<RuleCode, string>>;

const en: RuleMessages = {
  'unknown-currency': 'The currency is not one this format accepts.',
  'currency-precision': 'An amount has more decimals than the currency allows.',
  'quantity-positive': 'A quantity is zero.',
  'line-discount': "A line's discount is larger than its price.",
  'line-amount': "A line's amount does not match quantity × price − discount.",
  total: 'The total is not the sum of the lines.',
  'payments-total': 'The payments do not add up to the total.',
  'unique-line-no': 'Two lines have the same number.',
  'return-original': 'The return does not name its original ticket properly.',
  'gtin-check-digit': 'A product code has a wrong check digit.',
  'personal-data': 'A customer id looks like personal data (email, phone or card number).',
  'rfc3339-offset': 'The date has no valid time zone offset.',
  'points-payment': 'A points payment is malformed.',
  'unicode-text': 'A text holds characters that are not valid text.',
  type: 'A value has the wrong type.',
  required: 'A required value is missing.',
  additionalProperties: 'A field is not expected here.',
  enum: 'A value is not one of those allowed.',
  pattern: 'A value does not have the expected form.',
  format: 'A date or time is not valid.',
  minLength: 'A value is empty or too short.',
  maxLength: 'A value is too long.',
  minItems: 'A list is empty.',
  maxItems: 'A list has too many entries.',
  minimum: 'A number is too small.',
  maximum: 'A number is too large.',
  maxProperties: 'An object has too many fields.',
  propertyNames: 'A field name is too long.',
  json: 'The request is not valid JSON.',
  cursor: 'The page cursor is not valid.',
  forbidden: 'You may not do this.',
  'date-range': 'The start date is after the end date.',
  'max-range': 'The date range is too long.',
  'customer-registered': 'The customer is not registered.',
  'customer-suspended': 'The customer is suspended.',
  'store-registered': 'The store is not registered.',
  'store-binding': 'This terminal belongs to another store.',
  'ticket-conflict': 'A different ticket with this id is already recorded.',
  'original-recorded': 'The original ticket is not recorded.',
  'original-line': 'The original ticket has no such line.',
  'return-amount': 'More is returned than was sold.',
  'return-currency': 'The return is in another currency than the sale.',
  'return-customer': 'The return names another customer than the sale.',
  'return-gtin': 'The returned product is not the one sold on that line.',
  'return-quantity': 'More units are returned than were sold.',
  'return-unit': 'The return uses another unit than the sale.',
  'insufficient-points': 'Not enough points.',
  'lots-fragmented': 'The points are split in too many lots: consolidate them first.',
  'transfer-self': 'You cannot send points to yourself.',
  'transfer-conflict': 'A different transfer with this id already exists.',
  'grant-conflict': 'A different grant with this id already exists.',
  'grant-customer': 'The grant belongs to another customer.',
  'grant-unknown': 'There is no such grant.',
  'grant-used': 'The grant has already been used or cancelled.',
  'overlapping-prefix': 'The product prefix overlaps another one.',
  'prefix-claimed': 'The product prefix belongs to another manufacturer.',
  'restricted-prefix': 'The product prefix is reserved.',
  uniqueItems: 'A list names the same entry twice.',
};

const es: RuleMessages = {
  'unknown-currency': 'La moneda no es una de las que acepta el formato.',
  'currency-precision': 'Un importe tiene más decimales de los que admite la moneda.',
  'quantity-positive': 'Una cantidad es cero.',
  'line-discount': 'El descuento de una línea es mayor que su precio.',
  'line-amount': 'El importe de una línea no es cantidad × precio − descuento.',
  total: 'El total no es la suma de las líneas.',
  'payments-total': 'Los pagos no suman el total.',
  'unique-line-no': 'Dos líneas tienen el mismo número.',
  'return-original': 'La devolución no indica bien su tique original.',
  'gtin-check-digit': 'Un código de producto tiene mal el dígito de control.',
  'personal-data':
    'Un identificador de cliente parece un dato personal (correo, teléfono o tarjeta).',
  'rfc3339-offset': 'La fecha no tiene un desfase horario válido.',
  'points-payment': 'Un pago con puntos está mal formado.',
  'unicode-text': 'Un texto contiene caracteres que no son texto válido.',
  type: 'Un valor tiene un tipo incorrecto.',
  required: 'Falta un valor obligatorio.',
  additionalProperties: 'Sobra un campo.',
  enum: 'Un valor no es uno de los permitidos.',
  pattern: 'Un valor no tiene la forma esperada.',
  format: 'Una fecha u hora no es válida.',
  minLength: 'Un valor está vacío o es demasiado corto.',
  maxLength: 'Un valor es demasiado largo.',
  minItems: 'Una lista está vacía.',
  maxItems: 'Una lista tiene demasiados elementos.',
  minimum: 'Un número es demasiado pequeño.',
  maximum: 'Un número es demasiado grande.',
  maxProperties: 'Un objeto tiene demasiados campos.',
  propertyNames: 'El nombre de un campo es demasiado largo.',
  json: 'La petición no es JSON válido.',
  cursor: 'El cursor de página no es válido.',
  forbidden: 'No puedes hacer esto.',
  'date-range': 'La fecha de inicio es posterior a la de fin.',
  'max-range': 'El intervalo de fechas es demasiado largo.',
  'customer-registered': 'El cliente no está registrado.',
  'customer-suspended': 'El cliente está suspendido.',
  'store-registered': 'La tienda no está registrada.',
  'store-binding': 'Este terminal pertenece a otra tienda.',
  'ticket-conflict': 'Ya hay otro tique registrado con este identificador.',
  'original-recorded': 'El tique original no está registrado.',
  'original-line': 'El tique original no tiene esa línea.',
  'return-amount': 'Se devuelve más de lo que se vendió.',
  'return-currency': 'La devolución está en otra moneda que la venta.',
  'return-customer': 'La devolución indica otro cliente que la venta.',
  'return-gtin': 'El producto devuelto no es el vendido en esa línea.',
  'return-quantity': 'Se devuelven más unidades de las vendidas.',
  'return-unit': 'La devolución usa otra unidad que la venta.',
  'insufficient-points': 'No hay puntos suficientes.',
  'lots-fragmented': 'Los puntos están repartidos en demasiados lotes: consolídalos antes.',
  'transfer-self': 'No puedes enviarte puntos a ti mismo.',
  'transfer-conflict': 'Ya existe otra transferencia con este identificador.',
  'grant-conflict': 'Ya existe otra autorización con este identificador.',
  'grant-customer': 'La autorización es de otro cliente.',
  'grant-unknown': 'No existe esa autorización.',
  'grant-used': 'La autorización ya se ha usado o cancelado.',
  'overlapping-prefix': 'El prefijo de producto se solapa con otro.',
  'prefix-claimed': 'El prefijo de producto es de otro fabricante.',
  'restricted-prefix': 'El prefijo de producto está reservado.',
  uniqueItems: 'Una lista repite un elemento.',
};

export const RULE_MESSAGES: Readonly<Record<Language, RuleMessages>> = { en, es };

/** The message for a rule code in `language`; a code this build does not know gets `fallback`. */
export function ruleMessage(language: Language, rule: string, fallback: string): string {
  return (RULE_MESSAGES[language] as Readonly<Record<string, string>>)[rule] ?? fallback;
}
