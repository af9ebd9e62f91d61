import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import type { StackContext } from 'sst/constructs';
import { catalogue, domainServices, settingsFor } from './settings';

const POSTGRES = ec2.Port.tcp(5432);

/**
 * The seed's network: VPC 10.0.0.0/16 over two availability zones, a public and a private subnet
 * in each, an internet gateway, NAT per stage; and its security groups, plus one for Lambdas:
 *
 * - ALB: 80 and 443 from the internet;
 * - ECS tasks: only from the ALB, on the services' ports;
 * - Lambdas: no inbound at all;
 * - database and RDS Proxy: 5432 only from compute (tasks and Lambdas; the database also from the
 *   proxy, which sits in front of it): `databaseSecurityGroups`, used by the database stack.
 *
 * Secrets Manager is reached through an interface endpoint and S3 through a gateway endpoint, so
 * cold starts and uploads do not pay for NAT traffic.
 */
export function Network({ stack, app }: StackContext) {
  const settings = settingsFor(app.stage, app.region);
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
    availabilityZones: settings.availabilityZones,
    natGateways: settings.natGateways,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20 },
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
    ],
    gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
  });

  const group = (id: string, description: string, allowAllOutbound = true) =>
    new ec2.SecurityGroup(stack, id, { vpc, description, allowAllOutbound });

  const alb = group('AlbSecurityGroup', 'ALB: HTTP and HTTPS from the internet');
  alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from the internet');
  alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');

  const tasks = group('TasksSecurityGroup', 'ECS tasks: only from the ALB');
  // Each service's own port, from the ALB only (the seed allowed every port; its ports are enough).
  for (const name of domainServices) {
    tasks.addIngressRule(alb, ec2.Port.tcp(catalogue[name].port), `${name} from the ALB`);
  }

  const lambdas = group('LambdaSecurityGroup', 'Lambda functions: no inbound');

  const endpoints = group('EndpointSecurityGroup', 'VPC interface endpoints: HTTPS from compute');
  endpoints.addIngressRule(tasks, ec2.Port.tcp(443), 'HTTPS from ECS tasks');
  endpoints.addIngressRule(lambdas, ec2.Port.tcp(443), 'HTTPS from Lambda functions');
  vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
    service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroups: [endpoints],
    open: false,
    privateDnsEnabled: true,
  });

  stack.addOutputs({ VpcId: vpc.vpcId });
  return { vpc, securityGroups: { alb, tasks, lambdas } };
}

/**
 * The database's and its proxy's groups: PostgreSQL only from compute (and, for the database, from
 * the proxy). Declared by the database stack, next to what they guard, so the rules CDK adds from
 * the database's own attributes (its port) stay in one stack.
 */
export function databaseSecurityGroups(
  scope: Construct,
  vpc: ec2.IVpc,
  compute: { tasks: ec2.ISecurityGroup; lambdas: ec2.ISecurityGroup },
) {
  const proxy = new ec2.SecurityGroup(scope, 'ProxySecurityGroup', {
    vpc,
    description: 'RDS Proxy: PostgreSQL from compute',
    allowAllOutbound: true,
  });
  const database = new ec2.SecurityGroup(scope, 'DatabaseSecurityGroup', {
    vpc,
    description: 'RDS PostgreSQL: only from compute and its proxy',
    allowAllOutbound: false,
  });
  for (const [source, name] of [
    [compute.tasks, 'ECS tasks'],
    [compute.lambdas, 'Lambda functions'],
  ] as const) {
    proxy.addIngressRule(source, POSTGRES, `PostgreSQL from ${name}`);
    database.addIngressRule(source, POSTGRES, `PostgreSQL from ${name}`);
  }
  database.addIngressRule(proxy, POSTGRES, 'PostgreSQL from the RDS Proxy');
  return { proxy, database };
}
