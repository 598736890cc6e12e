import { hashPin, verifyPin } from '@mwana/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LabAccount } from '../entities/lab-account.entity';

// Core exports its scrypt helpers as the PIN functions only; they hash any secret the same way.
const hashSecret = hashPin;
const verifySecret = verifyPin;

/** Lab accounts: who may upload results. */
@Injectable()
export class LabAccountsService {
  constructor(private readonly dataSource: DataSource) {}

  async add(username: string, password: string): Promise<LabAccount> {
    return this.dataSource
      .getRepository(LabAccount)
      .save({ username: username.trim().toLowerCase(), passwordHash: await hashSecret(password), active: true });
  }

  /** The active account an `Authorization: Basic ...` header names with its right password; null otherwise. */
  async authenticate(header: string | undefined): Promise<LabAccount | null> {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const account = await this.dataSource
      .getRepository(LabAccount)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.username = :username AND a.active', { username: decoded.slice(0, colon).trim().toLowerCase() })
      .getOne();
    // Hash even for an unknown name, so the answer's timing does not tell names apart.
    const ok = await verifySecret(decoded.slice(colon + 1), account?.passwordHash ?? null);
    return account && ok ? account : null;
  }
}
