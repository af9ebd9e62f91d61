import { authService } from '@konecta/auth';
import { configService } from '@konecta/config';
import type { DomainServiceName, ServiceModule } from '@konecta/core';
import { discoveryService } from '@konecta/discovery';
import { financeService } from '@konecta/finance';
import { hrService } from '@konecta/hr';
import { operationService } from '@konecta/operation';
import { reportingService } from '@konecta/reporting';

/** Every domain service package, in start order (auth first: the others trust its keys). */
export const serviceModules: Record<DomainServiceName, ServiceModule> = {
  auth: authService,
  hr: hrService,
  finance: financeService,
  operation: operationService,
  reporting: reportingService,
  discovery: discoveryService,
  config: configService,
};
