/**
 * A small structural validator for OpenAPI 3.0 documents (no validator package is installed):
 * required top-level fields, paths and operations, parameters (name/in/schema, path parameters
 * declared and required), responses with descriptions, unique operationIds, resolvable $refs.
 * Returns the problems found (empty = valid).
 */
import type { JsonDoc } from '../helpers/json-doc.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const LOCATIONS = ['query', 'header', 'path', 'cookie'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

type Obj = Record<string, JsonDoc>;

export function validateOpenApi3(doc: Obj): string[] {
  const errs: string[] = [];
  const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObj(doc)) return ['document is not an object'];
  if (typeof doc.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(doc.openapi)) errs.push(`openapi must be a 3.x.y version string, got ${doc.openapi}`);
  if (!isObj(doc.info)) errs.push('info is required');
  else {
    if (typeof doc.info.title !== 'string' || !doc.info.title) errs.push('info.title is required');
    if (typeof doc.info.version !== 'string' || !doc.info.version) errs.push('info.version is required');
  }
  if (!isObj(doc.paths)) return [...errs, 'paths is required'];

  const resolve = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    let cur: unknown = doc;
    for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      if (!isObj(cur)) return undefined;
      cur = cur[part];
    }
    return cur;
  };
  const walkRefs = (x: unknown, where: string): void => {
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) walkRefs(x[i], `${where}[${i}]`);
    }
    else if (isObj(x)) {
      if (typeof x.$ref === 'string' && resolve(x.$ref) === undefined) errs.push(`${where}: unresolvable $ref ${x.$ref}`);
      for (const [k, v] of Object.entries(x)) walkRefs(v, `${where}.${k}`);
    }
  };
  walkRefs(doc, '#');

  const checkSchema = (s: unknown, where: string): void => {
    if (!isObj(s)) return void errs.push(`${where}: schema must be an object`);
    if (s.$ref) return;
    if (s.type !== undefined && !TYPES.includes(s.type)) errs.push(`${where}: bad type ${s.type}`);
    if (s.type === 'array' && !isObj(s.items)) errs.push(`${where}: array schema needs items`);
    if (s.properties) for (const [k, v] of Object.entries(s.properties)) checkSchema(v, `${where}.properties.${k}`);
    if (isObj(s.items)) checkSchema(s.items, `${where}.items`);
    for (const k of ['allOf', 'anyOf', 'oneOf']) if (s[k] !== undefined && !Array.isArray(s[k])) errs.push(`${where}: ${k} must be an array`);
    if (s.enum !== undefined && (!Array.isArray(s.enum) || s.enum.length === 0)) errs.push(`${where}: enum must be a non-empty array`);
    if (s.required !== undefined && !Array.isArray(s.required)) errs.push(`${where}: required must be an array`);
  };

  const ids = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/')) errs.push(`path ${path} must start with /`);
    if (!isObj(item)) {
      errs.push(`${path}: path item must be an object`);
      continue;
    }
    const templ = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const ops = Object.keys(item).filter((k) => METHODS.includes(k));
    if (ops.length === 0) errs.push(`${path}: no operations`);
    for (const m of ops) {
      const op = item[m];
      const at = `${m.toUpperCase()} ${path}`;
      if (!isObj(op)) {
        errs.push(`${at}: operation must be an object`);
        continue;
      }
      if (op.operationId !== undefined) {
        if (ids.has(op.operationId)) errs.push(`${at}: duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
      }
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Obj) => (p.$ref ? (resolve(p.$ref) as Obj) : p));
      const seen = new Set<string>();
      for (const p of params) {
        if (!isObj(p)) {
          errs.push(`${at}: parameter must be an object`);
          continue;
        }
        if (typeof p.name !== 'string' || !p.name) errs.push(`${at}: parameter without a name`);
        if (!LOCATIONS.includes(p.in)) errs.push(`${at}: parameter ${p.name} has bad 'in' ${p.in}`);
        const key = `${p.in}:${p.name}`;
        if (seen.has(key)) errs.push(`${at}: duplicate parameter ${key}`);
        seen.add(key);
        if (p.in === 'path') {
          if (p.required !== true) errs.push(`${at}: path parameter ${p.name} must be required`);
          if (!templ.includes(p.name)) errs.push(`${at}: path parameter ${p.name} not in the path`);
        }
        if (!p.schema && !p.content) errs.push(`${at}: parameter ${p.name} needs a schema or content`);
        if (p.schema) checkSchema(p.schema, `${at} parameter ${p.name}`);
      }
      for (const t of templ) if (!params.some((p: Obj) => p?.in === 'path' && p.name === t)) errs.push(`${at}: path template {${t}} has no parameter`);
      if (op.requestBody !== undefined) {
        const rb = op.requestBody.$ref ? (resolve(op.requestBody.$ref) as Obj) : op.requestBody;
        if (!isObj(rb?.content) || Object.keys(rb.content).length === 0) errs.push(`${at}: requestBody needs content`);
        else for (const [ct, mt] of Object.entries(rb.content as Obj)) if (isObj(mt) && mt.schema) checkSchema(mt.schema, `${at} requestBody ${ct}`);
      }
      if (!isObj(op.responses) || Object.keys(op.responses).length === 0) errs.push(`${at}: responses required`);
      else {
        for (const [code, r] of Object.entries(op.responses as Obj)) {
          if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) errs.push(`${at}: bad response code ${code}`);
          const rr = r.$ref ? (resolve(r.$ref) as Obj) : r;
          if (!isObj(rr) || typeof rr.description !== 'string') errs.push(`${at} ${code}: response needs a description`);
          else if (rr.content) for (const [ct, mt] of Object.entries(rr.content as Obj)) if (isObj(mt) && mt.schema) checkSchema(mt.schema, `${at} ${code} ${ct}`);
        }
      }
      if (op.security !== undefined) {
        for (const req of op.security as Obj[]) for (const name of Object.keys(req)) if (!doc.components?.securitySchemes?.[name]) errs.push(`${at}: unknown security scheme ${name}`);
      }
    }
  }
  if (doc.components?.schemas) for (const [k, v] of Object.entries(doc.components.schemas)) checkSchema(v, `components.schemas.${k}`);
  return errs;
}
