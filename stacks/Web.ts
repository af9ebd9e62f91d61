import { Fn } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { type StackContext, StaticSite, use } from 'sst/constructs';
import { useProject } from 'sst/project.js';
import { Services } from './Services';
import { API_URL_TOKEN, prepareSite } from './web-site';

/**
 * Deep links (`/hr/employees/42`) get `index.html`; anything with a file extension is a file.
 * Only the default (S3) behaviour runs this, so an API answer is never replaced by the page.
 */
export const SPA_ROUTING_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The Angular build on S3 behind CloudFront (a `StaticSite`), with `/api/*` sent through the same
 * distribution to the HTTP API: one origin for the browser, so the refresh cookie stays
 * first-party and no CORS is needed. No distribution-wide error pages: they would turn the API's
 * 404 and 403 problem responses into HTML.
 */
export function Web({ stack, app }: StackContext) {
  const { api } = use(Services);
  // Under `sst dev` the site is not deployed (the Angular dev server serves it locally).
  const build = process.env.NODE_ENV !== 'test' && app.mode !== 'dev';
  const site = prepareSite(app.appPath, useProject().paths.out, app.stage, { build });
  const spaRouting = new cloudfront.Function(stack, 'SpaRouting', {
    code: cloudfront.FunctionCode.fromInline(SPA_ROUTING_CODE),
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    comment: 'Konecta ERP: deep links to index.html',
  });
  // api.url is https://{id}.execute-api.{region}.amazonaws.com
  const apiDomain = Fn.select(2, Fn.split('/', api.url));
  const web = new StaticSite(stack, 'Site', {
    path: site.path,
    dev: { url: 'http://localhost:4200' },
    replaceValues: [{ files: 'config.json', search: API_URL_TOKEN, replace: api.url }],
    cdk: {
      distribution: {
        comment: `Konecta ERP (${app.stage})`,
        errorResponses: [],
        defaultBehavior: {
          functionAssociations: [{ function: spaRouting, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        additionalBehaviors: {
          '/api/*': {
            origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
            cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
            originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          },
        },
      },
    },
  });
  if (web.url) stack.addOutputs({ SiteUrl: web.url, PlaceholderSite: String(site.placeholder) });
  return { site: web };
}
