import type { MigrationList } from '../database/data-source.options';
import { CoreMessaging1764300000000 } from './1764300000000-CoreMessaging';
import { Outbox1764300000001 } from './1764300000001-Outbox';
import { ConsoleUsers1764300000002 } from './1764300000002-ConsoleUsers';
import { Scheduler1764300000003 } from './1764300000003-Scheduler';
import { OutboundQueue1764300000004 } from './1764300000004-OutboundQueue';
import { Lockouts1796311604755 } from './1796311604755-Lockouts';
import { MessageKind1796311699262 } from './1796311699262-MessageKind';
import { MessageMasking1796311800000 } from './1796311800000-MessageMasking';
import { ApiTokens1796400000000 } from './1796400000000-ApiTokens';
import { GatewaySendSlots1796400000001 } from './1796400000001-GatewaySendSlots';
import { StorableText1796400000002 } from './1796400000002-StorableText';
import { SenderHeartbeat1796400000003 } from './1796400000003-SenderHeartbeat';
import { MessageRows1796400000004 } from './1796400000004-MessageRows';
import { TranslationApprovals1796400013000 } from './1796400013000-TranslationApprovals';
import { GatewayBreaker1796400014000 } from './1796400014000-GatewayBreaker';
import { SealedInbound1796400024002 } from './1796400024002-SealedInbound';
import { ConnectionIdentityIndex1796400025000 } from './1796400025000-ConnectionIdentityIndex';

/** Core's migrations, in order. */
export const coreMigrations: MigrationList = [
  CoreMessaging1764300000000,
  Outbox1764300000001,
  ConsoleUsers1764300000002,
  Scheduler1764300000003,
  OutboundQueue1764300000004,
  Lockouts1796311604755,
  MessageKind1796311699262,
  MessageMasking1796311800000,
  ApiTokens1796400000000,
  GatewaySendSlots1796400000001,
  StorableText1796400000002,
  SenderHeartbeat1796400000003,
  MessageRows1796400000004,
  TranslationApprovals1796400013000,
  GatewayBreaker1796400014000,
  SealedInbound1796400024002,
  ConnectionIdentityIndex1796400025000,
];
