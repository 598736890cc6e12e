import { ConsoleModule } from '@mwana/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentDirectory } from './agents/agent-directory';
import { AgentRegistration } from './agents/agent-registration.service';
import { AgentHandler } from './agents/agent.handler';
import { JoinCbaHandler } from './agents/join-cba.handler';
import { RemindersExportController, remindersConsoleProviders } from './console';
import { RemoveHandler } from './agents/remove.handler';
import { BirthRegHandler } from './events/birthreg.handler';
import { EventCatalogue } from './events/event-catalogue';
import { EventHandler } from './events/event.handler';
import { PatientEvent } from './events/patient-event.entity';
import { PatientEvents } from './events/patient-events.service';
import { Places } from './places/places';
import { ConfigurableModuleClass } from './reminders.module-definition';
import { RemindersRoles } from './reminders.roles';
import { DueReminders } from './reminders/due-reminders';
import { ReminderSender } from './reminders/reminder-sender';
import { RemindersCommand } from './reminders/reminders.command';
import { RmDemoHandler } from './reminders/rmdemo.handler';
import { SendRemindersJob } from './reminders/send-reminders.job';
import { SentReminder } from './reminders/sent-reminder.entity';
import { ConfirmHandler } from './tracing/confirm.handler';
import { ConfirmationRemindersJob } from './tracing/confirmation-reminders.job';
import { PatientTrace } from './tracing/patient-trace.entity';
import { ToldHandler } from './tracing/told.handler';
import { TraceAnswers } from './tracing/trace-answers.service';
import { TraceHandler } from './tracing/trace.handler';
import { Traces } from './tracing/traces.service';
import { RemindersDemoSeed } from './reminders.demo-seed';

/**
 * RemindMi: AGENT and JOIN CBA, REMOVE, the event keywords (BIRTH, MWANA, ...), BIRTHREG,
 * appointment reminders, TRACE, TOLD, CONFIRM and the confirmation reminder, RMDEMO, its
 * console pages and the `mwana reminders` command. Composed by a country's app.module.ts
 * with its own config section, beside `LocationsModule` (zones are made through it).
 *
 * @example
 * RemindersModule.forRoot(config.section(remindersConfig))
 */
@Module({
  // The console's guard (CSV exports) needs its sessions.
  imports: [TypeOrmModule.forFeature([PatientEvent, SentReminder, PatientTrace]), ConsoleModule],
  controllers: [RemindersExportController],
  providers: [
    Places,
    AgentDirectory,
    RemindersRoles,
    EventCatalogue,
    AgentRegistration,
    PatientEvents,
    Traces,
    TraceAnswers,
    DueReminders,
    ReminderSender,
    // Handlers: those with longer keywords (JOIN CBA) are tried first whatever their order here.
    AgentHandler,
    JoinCbaHandler,
    RemoveHandler,
    BirthRegHandler,
    TraceHandler,
    ToldHandler,
    ConfirmHandler,
    RmDemoHandler,
    RemindersDemoSeed,
    // Last: its keywords come from the config, and a joined one (`mwanaf`) must not take another's word.
    EventHandler,
    SendRemindersJob,
    ConfirmationRemindersJob,
    RemindersCommand,
    ...remindersConsoleProviders,
  ],
})
export class RemindersModule extends ConfigurableModuleClass {}
