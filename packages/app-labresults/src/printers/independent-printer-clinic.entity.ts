import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A clinic with its own printer (Mwana's `has_independent_printer`, set by PRINTER ADD in
 * Zambia): the send-to-printers job serves it several times a day, not only at the morning notice.
 */
@Entity({ name: 'independent_printer_clinic' })
export class IndependentPrinterClinic {
  @PrimaryColumn({ name: 'clinic_id', type: 'integer' })
  clinicId!: number;

  @Column({ type: 'timestamptz' })
  since!: Date;
}
