import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, domainServices } from '../packages/core/src/catalogue';
import { runtimesFor } from './settings';
import { props, refText, type Synthesized, synthForTest } from './test-support';

/** Switching HR to Fargate at synth time (`KONECTA_RUNTIME=hr=fargate`) on the dev stage. */
let app: Synthesized;
beforeAll(async () => {
  app = await synthForTest('dev', { KONECTA_RUNTIME: 'hr=fargate' });
}, 600_000); // the first synthesis of a run builds every function (over forty), minutes on a busy machine
afterAll(() => app?.cleanup());

describe('runtime switch', () => {
  it('reads the catalogue, then the override; refuses unknown services and the gateway', () => {
    expect(runtimesFor('dev', '')).toEqual(Object.fromEntries(domainServices.map((n) => [n, 'lambda'])));
    expect(runtimesFor('dev', 'hr=fargate,reporting=fargate')).toMatchObject({
      hr: 'fargate',
      reporting: 'fargate',
      auth: 'lambda',
    });
    expect(() => runtimesFor('dev', 'payroll=fargate')).toThrow('unknown service "payroll"');
    expect(() => runtimesFor('dev', 'hr=ec2')).toThrow('must be lambda or fargate');
    expect(() => runtimesFor('dev', 'gateway=fargate')).toThrow('the gateway is not deployed');
  });
});

describe('dev stage with hr on Fargate', () => {
  it('drops the HR Lambda and keeps every other service on Lambda', () => {
    const handlers = app.resources('AWS::Lambda::Function').map((f) => props(f).Handler);
    expect(handlers).not.toContain('packages/hr/src/lambda.handler');
    // Nor its route groups' functions: on Fargate the service is one app.
    expect(handlers.filter((h) => h.startsWith('packages/hr/src/functions/'))).toEqual([]);
    expect(handlers).toContain('packages/finance/src/functions/reports.handler');
    for (const name of domainServices.filter((n) => n !== 'hr')) {
      expect(handlers).toContain(`packages/${name}/src/lambda.handler`);
    }
    // HR's events and jobs still run as functions.
    expect(handlers).toContain('packages/hr/src/consumer.handler');
    expect(handlers).toContain('packages/hr/src/scheduled.leaveAccrual');
  });

  it('runs HR as a Fargate service in the private subnets with the tasks group, registered in Cloud Map', () => {
    app.one('AWS::ECS::Cluster');
    const service = props(app.one('AWS::ECS::Service'));
    expect(service.LaunchType).toBe('FARGATE');
    const network = service.NetworkConfiguration.AwsvpcConfiguration;
    expect(network.AssignPublicIp).toBe('DISABLED');
    expect(refText(network.Subnets)).toContain('privateSubnet');
    expect(refText(network.Subnets)).not.toContain('publicSubnet');
    expect(refText(network.SecurityGroups)).toContain('TasksSecurityGroup');
    expect(service.DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    expect(refText(service.ServiceRegistries)).toContain('CloudmapService');
    expect(props(app.one('AWS::ServiceDiscovery::PrivateDnsNamespace')).Name).toBe('dev.konecta-erp.internal');
    expect(props(app.one('AWS::ServiceDiscovery::Service')).Name).toBe('hr');
  });

  it('runs the konecta-erp/hr image on the catalogue port with a health check', () => {
    const task = props(app.one('AWS::ECS::TaskDefinition'));
    expect(task.RequiresCompatibilities).toEqual(['FARGATE']);
    expect(task.Memory).toBe(String(catalogue.hr.memoryMb));
    const [container] = task.ContainerDefinitions;
    expect(refText(container.Image)).toContain('konecta-erp/hr');
    expect(container.PortMappings).toEqual([{ ContainerPort: catalogue.hr.port, Protocol: 'tcp' }]);
    expect(container.HealthCheck.Command.join(' ')).toContain(`127.0.0.1:${catalogue.hr.port}/health`);
    const env = Object.fromEntries(
      container.Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]),
    );
    expect(env.PORT).toBe(String(catalogue.hr.port));
    expect(env.DATABASE_PROXY).toBe('false');
    expect(Object.keys(env).some((k) => /PASSWORD|DATABASE_URL/.test(k))).toBe(false);
  });

  it('scales between the stage bounds on CPU', () => {
    const target = props(app.one('AWS::ApplicationAutoScaling::ScalableTarget'));
    expect([target.MinCapacity, target.MaxCapacity]).toEqual([1, 2]);
    expect(props(app.one('AWS::ApplicationAutoScaling::ScalingPolicy')).PolicyType).toBe('TargetTrackingScaling');
  });

  it('puts an internal ALB in front, routing /api/hr with a health check', () => {
    const alb = props(app.one('AWS::ElasticLoadBalancingV2::LoadBalancer'));
    expect(alb.Scheme).toBe('internal');
    expect(refText(alb.SecurityGroups)).toContain('AlbSecurityGroup');
    expect(refText(alb.Subnets)).toContain('privateSubnet');
    const rule = props(app.one('AWS::ElasticLoadBalancingV2::ListenerRule'));
    expect(rule.Conditions[0].PathPatternConfig.Values).toEqual(['/api/hr', '/api/hr/*']);
    const group = props(app.one('AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(group.HealthCheckPath).toBe('/api/hr/health');
    expect(group.Port).toBe(catalogue.hr.port);
    expect(group.TargetType).toBe('ip');
  });

  it('reaches the ALB from the HTTP API through a VPC link', () => {
    app.one('AWS::ApiGatewayV2::VpcLink');
    const integrations = app.resources('AWS::ApiGatewayV2::Integration').map(props);
    const viaLink = integrations.filter((i) => i.ConnectionType === 'VPC_LINK');
    expect(viaLink.length).toBeGreaterThan(0);
    for (const i of viaLink) {
      expect(i.IntegrationType).toBe('HTTP_PROXY');
      expect(refText(i.IntegrationUri)).toContain('AlbHttp'); // the ALB's listener
    }
    const routes = app.resources('AWS::ApiGatewayV2::Route').map((r) => props(r).RouteKey);
    expect(routes).toContain('ANY /api/hr/{proxy+}');
    expect(routes).toContain('ANY /api/hr');
    expect(routes.filter((r) => r.startsWith('ANY /api/hr/') && r !== 'ANY /api/hr/{proxy+}')).toEqual([]);
  });
});
