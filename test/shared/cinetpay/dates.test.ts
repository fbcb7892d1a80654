import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatHistoryDate,
  formatStatusDate,
  formatTransDate,
  isoDayToHistoryDate,
  parseHistoryDate,
  parseStatusDate,
  parseTransDate,
} from '../../../shared/cinetpay/dates';

const GUIDE_TRANS_INSTANT = Date.UTC(2017, 3, 9, 15, 45, 22);

describe('the form\'s cpm_trans_date: "YYYY-MM-DD HH:MM:SS", UTC', () => {
  it("parses the guide's example as that instant in UTC", () => {
    expect(parseTransDate('2017-04-09 15:45:22')?.getTime()).toBe(GUIDE_TRANS_INSTANT);
  });

  it('formats an instant in UTC, zero-padded', () => {
    expect(formatTransDate(new Date(GUIDE_TRANS_INSTANT))).toBe('2017-04-09 15:45:22');
    expect(formatTransDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('2024-01-02 03:04:05');
  });

  it('drops milliseconds when formatting', () => {
    expect(formatTransDate(new Date(GUIDE_TRANS_INSTANT + 999))).toBe('2017-04-09 15:45:22');
  });

  it('round-trips through format and parse', () => {
    for (const instant of [0, GUIDE_TRANS_INSTANT, Date.UTC(2016, 1, 29, 23, 59, 59), Date.UTC(2099, 11, 31, 0, 0, 0)]) {
      expect(parseTransDate(formatTransDate(new Date(instant)))?.getTime()).toBe(instant);
    }
  });

  it.each([
    ['an unpadded month', '2017-4-09 15:45:22'],
    ['an unpadded day', '2017-04-9 15:45:22'],
    ['the ISO "T" separator', '2017-04-09T15:45:22'],
    ['a zone suffix', '2017-04-09 15:45:22Z'],
    ['milliseconds', '2017-04-09 15:45:22.000'],
    ['two spaces', '2017-04-09  15:45:22'],
    ['slashes', '2017/04/09 15:45:22'],
    ['30 February', '2017-02-30 10:00:00'],
    ['29 February of a common year', '2017-02-29 10:00:00'],
    ['31 April', '2017-04-31 10:00:00'],
    ['month 13', '2017-13-01 10:00:00'],
    ['month 00', '2017-00-10 10:00:00'],
    ['day 00', '2017-04-00 10:00:00'],
    ['hour 24', '2017-04-09 24:00:00'],
    ['minute 60', '2017-04-09 15:60:00'],
    ['second 60', '2017-04-09 15:45:60'],
    ['a year before 1970', '1969-12-31 23:59:59'],
    ['leading whitespace', ' 2017-04-09 15:45:22'],
    ['a trailing newline', '2017-04-09 15:45:22\n'],
    ['the status format', '09042017154522'],
    ['an empty string', ''],
  ])('refuses %s', (_case, text) => {
    expect(parseTransDate(text)).toBeUndefined();
  });

  it('accepts 29 February of a leap year and the Unix epoch', () => {
    expect(parseTransDate('2016-02-29 00:00:00')?.getTime()).toBe(Date.UTC(2016, 1, 29));
    expect(parseTransDate('1970-01-01 00:00:00')?.getTime()).toBe(0);
  });
});

describe('checkPayStatus\'s cpm_trans_date: "ddmmyyyyHHMMSS"', () => {
  it('parses the guide\'s 3.2 sample "04092017140045" as 4 September 2017, 14:00:45 UTC', () => {
    expect(parseStatusDate('04092017140045')?.toISOString()).toBe('2017-09-04T14:00:45.000Z');
  });

  it('formats day first, then month, year, time', () => {
    expect(formatStatusDate(new Date(Date.UTC(2017, 8, 4, 14, 0, 45)))).toBe('04092017140045');
    expect(formatStatusDate(new Date(GUIDE_TRANS_INSTANT))).toBe('09042017154522');
  });

  it.each([
    ['too short', '0409201714004'],
    ['too long', '040920171400450'],
    ['month 13', '04132017140045'],
    ['31 September', '31092017140045'],
    ['hour 24', '04092017240000'],
    ['separators', '04-09-2017 14:00:45'],
    ['the form format', '2017-09-04 14:00:45'],
  ])('refuses %s', (_case, text) => {
    expect(parseStatusDate(text)).toBeUndefined();
  });

  it('does not read the year first', () => {
    expect(parseStatusDate('20170904140045')).toBeUndefined();
  });
});

describe('the history filters: "jj-mm-aaaa"', () => {
  it('parses "05-07-2015" as midnight UTC, 5 July 2015', () => {
    expect(parseHistoryDate('05-07-2015')?.toISOString()).toBe('2015-07-05T00:00:00.000Z');
  });

  it('formats day-month-year, zero-padded, from the UTC day', () => {
    expect(formatHistoryDate(new Date(Date.UTC(2015, 6, 5, 23, 59, 59)))).toBe('05-07-2015');
    expect(formatHistoryDate(new Date(Date.UTC(2015, 11, 31)))).toBe('31-12-2015');
  });

  it.each([
    ['the ISO order', '2015-07-05'],
    ['slashes', '05/07/2015'],
    ['an unpadded day', '5-07-2015'],
    ['31 June', '31-06-2015'],
    ['month 13', '05-13-2015'],
    ['a time', '05-07-2015 10:00'],
  ])('refuses %s', (_case, text) => {
    expect(parseHistoryDate(text)).toBeUndefined();
  });
});

describe('isoDayToHistoryDate: "aaaa-mm-jj" to "jj-mm-aaaa"', () => {
  it("converts the guide's payment dates", () => {
    expect(isoDayToHistoryDate('2015-07-05')).toBe('05-07-2015');
    expect(isoDayToHistoryDate('2017-09-04')).toBe('04-09-2017');
  });

  it('converts 29 February of a leap year', () => {
    expect(isoDayToHistoryDate('2016-02-29')).toBe('29-02-2016');
  });

  it.each([
    ['a day that does not exist', '2015-02-30'],
    ['29 February of a common year', '2015-02-29'],
    ['an unpadded month', '2015-7-05'],
    ['the history format itself', '05-07-2015'],
    ['a full timestamp', '2015-07-05T00:00:00Z'],
    ['an empty string', ''],
  ])('refuses %s', (_case, text) => {
    expect(isoDayToHistoryDate(text)).toBeUndefined();
  });
});

describe("every format is UTC, whatever the machine's time zone", () => {
  const savedZone = process.env['TZ'];
  // 31 December 2016, 23:30 UTC is already 1 January 2017 in Kiritimati (UTC+14).
  const newYearsEve = Date.UTC(2016, 11, 31, 23, 30, 0);

  beforeAll(() => {
    process.env['TZ'] = 'Pacific/Kiritimati';
  });

  afterAll(() => {
    if (savedZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedZone;
  });

  it('the local calendar is indeed a day ahead here', () => {
    expect(new Date(newYearsEve).getFullYear()).toBe(2017);
    expect(new Date(newYearsEve).getDate()).toBe(1);
  });

  it('formats in UTC', () => {
    expect(formatTransDate(new Date(newYearsEve))).toBe('2016-12-31 23:30:00');
    expect(formatStatusDate(new Date(newYearsEve))).toBe('31122016233000');
    expect(formatHistoryDate(new Date(newYearsEve))).toBe('31-12-2016');
  });

  it('parses as UTC', () => {
    expect(parseTransDate('2016-12-31 23:30:00')?.getTime()).toBe(newYearsEve);
    expect(parseStatusDate('31122016233000')?.getTime()).toBe(newYearsEve);
    expect(parseHistoryDate('31-12-2016')?.getTime()).toBe(Date.UTC(2016, 11, 31));
    expect(isoDayToHistoryDate('2016-12-31')).toBe('31-12-2016');
  });
});
