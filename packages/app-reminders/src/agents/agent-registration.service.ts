import { MwanaConfig, SmsReplyError, countryConfig, type IncomingMessage, type Message } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { EventCatalogue } from '../events/event-catalogue';
import { collapse, titleCase } from '../names';
import { Places } from '../places/places';
import { remindersTexts as texts } from '../reminders.texts';
import { AgentDirectory } from './agent-directory';
import type { AgentForm } from './agent-parser';

/**
 * Registers a community agent into a zone of a clinic (docs/keywords.md#agent), for AGENT
 * and JOIN CBA: the zone is found by name or made on first use; an agent of another clinic
 * must LEAVE first; a clinic worker keeps that role and becomes an agent too.
 */
@Injectable()
export class AgentRegistration {
  private readonly languages: ReadonlySet<string>;

  constructor(
    private readonly places: Places,
    private readonly directory: AgentDirectory,
    private readonly catalogue: EventCatalogue,
    config: MwanaConfig,
  ) {
    this.languages = new Set(config.section(countryConfig).languages.map((l) => l.code));
  }

  /** `malformed` is the reply to a zone name that makes no zone (the handler's own how-to). */
  async register(msg: IncomingMessage, form: AgentForm, malformed: Message): Promise<void> {
    const db = msg.db;
    const clinic = await this.places.clinicByCode(form.clinic, db);
    if (!clinic) throw new SmsReplyError(texts.agentUnknownClinic, { code: form.clinic });
    const current = msg.contact?.active ? msg.contact : null;
    // Checked before the zone is made, so that a refused registration changes nothing.
    if (current?.locationId != null) {
      const at = await this.places.get(current.locationId, db);
      if (at && this.places.isZoneNamed(at, clinic, form.zone))
        throw new SmsReplyError(texts.agentAlreadyInZone, { name: current.name, zone: at.name, clinic: clinic.name });
      const currentClinic = await this.places.clinicOf(current.locationId, db);
      if (currentClinic && currentClinic.id !== clinic.id)
        throw new SmsReplyError(texts.agentOtherClinic, {
          name: current.name,
          oldClinic: currentClinic.name,
          newClinic: clinic.name,
        });
    }
    const zone = await this.places.zoneFor(clinic, form.zone, db);
    if (!zone) throw new SmsReplyError(malformed);
    const agent = await this.directory.registerAgent(msg, current, {
      name: titleCase(collapse(form.name)),
      locationId: zone.id,
      language: form.language === undefined ? undefined : this.language(form.language),
    });
    const params = { name: agent.name, zone: zone.name, clinic: clinic.name };
    if (this.catalogue.events.length === 0) msg.respond(texts.agentRegistered, params);
    else msg.respond(texts.agentRegisteredNotify, { ...params, events: this.catalogue.eventList(agent.language) });
  }

  /** Mwana's reading of the code: lower case, three letters at most, `eng` the default; one the country lacks is the default too. */
  private language(code: string): string | null {
    const wanted = code.toLowerCase().slice(0, 3);
    return wanted !== 'eng' && this.languages.has(wanted) ? wanted : null;
  }
}
