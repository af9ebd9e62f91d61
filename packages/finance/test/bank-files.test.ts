/**
 * Reading bank statement files without a database: the IBAN check, CSV mappings (signed amount or
 * debit/credit columns, decimal commas, day-first dates), camt.053, the balance check and the
 * lines' fingerprints.
 */
import { ProblemError } from '@konecta/core';
import type { BankCsvMapping } from '@konecta/db';
import { describe, expect, it } from 'vitest';
import { parseCamt053, parseXml } from '../src/bank/camt053';
import { parseCsvStatement } from '../src/bank/csv';
import { ibanProblem, maskIban } from '../src/bank/iban';
import { assertReconciles, fingerprints } from '../src/bank/statement-file';

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('IBAN', () => {
  it.each(['EG380019000500000000263180002', 'DE89 3704 0044 0532 0130 00', 'gb82west12345698765432'])(
    '%s passes the mod-97 check',
    (iban) => expect(ibanProblem(iban)).toBeUndefined(),
  );

  it.each([
    ['EG380019000500000000263180003', /check digits/],
    ['DE88370400440532013000', /check digits/],
    ['DE89-3704-0044', /country code/],
    ['12345', /country code/],
  ])('%s is refused', (iban, message) => expect(ibanProblem(iban)).toMatch(message));

  it('is shown masked: country, check digits and the last four', () => {
    expect(maskIban('EG38 0019 0005 0000 0000 2631 8000 2')).toBe('EG38 **** **** 0002');
  });
});

const signed: BankCsvMapping = {
  date: 'Date',
  description: 'Details',
  reference: 'Ref',
  amount: 'Amount',
  balance: 'Balance',
  dateFormat: 'yyyy-mm-dd',
  decimalSeparator: '.',
};

describe('CSV statements', () => {
  it('reads a signed amount column and takes the balances from the balance column', () => {
    const s = parseCsvStatement(
      'Date,Details,Ref,Amount,Balance\n2026-03-02,"Customer, Nile Foods",INV-7,"1,500.00","11,500.00"\n2026-03-03,Bank fee,,-25.5,11474.50\n',
      signed,
      'EGP',
      {},
    );
    expect(s).toMatchObject({
      startDate: '2026-03-02',
      endDate: '2026-03-03',
      openingBalance: 1_000_000n,
      closingBalance: 1_147_450n,
    });
    expect(s.lines.map((l) => [l.description, l.reference, l.amount, l.sourceLine])).toEqual([
      ['Customer, Nile Foods', 'INV-7', 150_000n, 2],
      ['Bank fee', null, -2_550n, 3],
    ]);
    expect(() => assertReconciles(s)).not.toThrow();
  });

  it('reads debit and credit columns, decimal commas, dd/mm/yyyy and semicolons', () => {
    const s = parseCsvStatement(
      'Datum;Text;Soll;Haben\n05/03/2026;Miete;12.000,00;\n31/03/2026;Zinsen;;1,25\n',
      {
        date: 'Datum',
        description: 'Text',
        debit: 'Soll',
        credit: 'Haben',
        dateFormat: 'dd/mm/yyyy',
        decimalSeparator: ',',
        delimiter: ';',
      },
      'EGP',
      { openingBalance: 2_000_000n, closingBalance: 800_125n },
    );
    expect(s.lines.map((l) => [l.date, l.amount])).toEqual([
      ['2026-03-05', -1_200_000n],
      ['2026-03-31', 125n],
    ]);
    expect(() => assertReconciles(s)).not.toThrow();
  });

  it('names the line of a bad date, a bad amount, and a column the header lacks', () => {
    const csv = (row: string) => `Date,Details,Ref,Amount,Balance\n2026-03-02,A,,1.00,1.00\n${row}\n`;
    expect(problem(() => parseCsvStatement(csv('2026-13-02,B,,1.00,2.00'), signed, 'EGP', {})).detail).toMatch(
      /^Line 3: the date “2026-13-02” is not a yyyy-mm-dd date/,
    );
    expect(problem(() => parseCsvStatement(csv('2026-03-04,B,,1.0x,2.00'), signed, 'EGP', {})).detail).toMatch(
      /^Line 3: the amount “1.0x” is not a number/,
    );
    expect(problem(() => parseCsvStatement(csv('2026-03-04,B,,1.001,2.00'), signed, 'EGP', {})).detail).toMatch(
      /^Line 3: .*2 decimal places/,
    );
    const p = problem(() => parseCsvStatement(csv('2026-03-04,B,,1,2'), { ...signed, amount: 'Betrag' }, 'EGP', {}));
    expect(p.status).toBe(422);
    expect(p.extra.errors?.[0]?.path).toBe('mapping.amount');
  });

  it('refuses a statement that does not add up, saying by how much', () => {
    const s = parseCsvStatement('Date,Details,Ref,Amount,Balance\n2026-03-02,A,,10.00,\n', signed, 'EGP', {
      openingBalance: 0n,
      closingBalance: 900n,
    });
    expect(problem(() => assertReconciles(s)).detail).toBe(
      'The statement does not add up: opening 0.00 + lines 10.00 = 10.00, but the closing balance is 9.00.',
    );
  });

  it('gives equal lines different fingerprints and the same file the same ones', () => {
    const line = { date: '2026-03-02', description: 'Fee', reference: null, amount: -500n, sourceLine: 2 };
    const a = fingerprints([line, { ...line, sourceLine: 3 }]);
    expect(a[0]).not.toBe(a[1]);
    expect(fingerprints([line, line])).toEqual(a);
  });
});

const camt = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-20260331</MsgId><CreDtTm>2026-04-01T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>NBE-2026-03</Id>
      <FrToDt><FrDtTm>2026-03-01T00:00:00</FrDtTm><ToDtTm>2026-03-31T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>EG380019000500000000263180002</IBAN></Id><Ccy>EGP</Ccy></Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EGP">10000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EGP">12350.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-31</Dt></Dt>
      </Bal>
      <Ntry>
        <NtryRef>NBE-001</NtryRef>
        <Amt Ccy="EGP">2500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-03-10</Dt></BookgDt><ValDt><Dt>2026-03-10</Dt></ValDt>
        <AcctSvcrRef>SVC-9911</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>Payment INV-2026-00042 Nile &amp; Delta Foods</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>
      <!-- a charge the bank takes -->
      <Ntry>
        <Amt Ccy="EGP">150.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><DtTm>2026-03-31T18:00:00</DtTm></BookgDt>
        <AcctSvcrRef>SVC-9977</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd><![CDATA[Account maintenance fee]]></Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

describe('camt.053', () => {
  it('reads the balances and the entries: credit and debit, references, remittance text', () => {
    const s = parseCamt053(camt, 'EGP');
    expect(s).toMatchObject({
      reference: 'NBE-2026-03',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
      openingBalance: 1_000_000n,
      closingBalance: 1_235_000n,
    });
    expect(s.lines.map((l) => [l.date, l.amount, l.reference, l.description])).toEqual([
      ['2026-03-10', 250_000n, 'NBE-001', 'Payment INV-2026-00042 Nile & Delta Foods'],
      ['2026-03-31', -15_000n, 'SVC-9977', 'Account maintenance fee'],
    ]);
    expect(() => assertReconciles(s)).not.toThrow();
  });

  it('refuses malformed XML with its line number', () => {
    const broken = camt.replace(
      '</Ustrd></RmtInf></TxDtls></NtryDtls>\n      </Ntry>\n      <!--',
      '</RmtInf></TxDtls></NtryDtls>\n      </Ntry>\n      <!--',
    );
    expect(problem(() => parseCamt053(broken, 'EGP')).detail).toMatch(/^Line 22: <\/RmtInf> closes <Ustrd>/);
    expect(problem(() => parseXml('<a><b></a>')).detail).toMatch(/^Line 1: <\/a> closes <b>/);
    expect(problem(() => parseXml('<!DOCTYPE x [<!ENTITY e "x">]><a/>')).detail).toMatch(/document type/);
  });

  it('refuses an entry in another currency, or a missing closing balance', () => {
    expect(
      problem(() => parseCamt053(camt.replace('<Amt Ccy="EGP">150.00', '<Amt Ccy="USD">150.00'), 'EGP')).detail,
    ).toMatch(/entry is in USD, the statement in EGP/);
    expect(problem(() => parseCamt053(camt.replace('<Cd>CLBD</Cd>', '<Cd>CLAV</Cd>'), 'EGP')).detail).toMatch(
      /no CLBD balance/,
    );
  });
});
