/*
 * date.c -- civil dates as day numbers (days since 1970-01-01), and the
 * strict parsers for the date forms a model may use.
 *
 * The conversions are Howard Hinnant's days_from_civil/civil_from_days
 * algorithms, exact over the proleptic Gregorian calendar.
 */
#include <string.h>

#include "pln_model.h"

bool pln_year_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int pln_month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && pln_year_is_leap(y) ? 29 : days[m - 1];
}

pln_date pln_date_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (pln_date)(era * 146097 + doe - 719468);
}

void pln_date_to_ymd(pln_date z0, int *year, int *month, int *day)
{
    long z = (long)z0 + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (year)
        *year = (int)(y + (m <= 2));
    if (month)
        *month = (int)m;
    if (day)
        *day = (int)d;
}

int pln_date_weekday(pln_date d)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    long w = ((long)d + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

void pln_date_format(pln_date d, char buf[11])
{
    int y, m, dd;
    pln_date_to_ymd(d, &y, &m, &dd);
    /* Years are limited to 4 digits; write the digits directly so the
     * compiler can see the length. */
    y = y < 0 ? 0 : y % 10000;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + dd / 10);
    buf[9] = (char)('0' + dd % 10);
    buf[10] = '\0';
}

/* Reads exactly n ASCII digits. */
static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static pln_status parse_ym(const char *s, int *y, int *m)
{
    if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m))
        return PLN_ESYNTAX;
    if (*y < PLN_YEAR_MIN || *y > PLN_YEAR_MAX || *m < 1 || *m > 12)
        return PLN_ERANGE;
    return PLN_OK;
}

pln_status pln_date_parse(const char *s, pln_date *out)
{
    int y, m, d;
    pln_status st;
    if (strlen(s) != 10 || s[7] != '-')
        return PLN_ESYNTAX;
    if (digits(s + 8, 2, &d))
        return PLN_ESYNTAX;
    st = parse_ym(s, &y, &m);
    if (st != PLN_OK)
        return st;
    if (d < 1 || d > pln_month_days(y, m))
        return PLN_ERANGE;
    *out = pln_date_from_ymd(y, m, d);
    return PLN_OK;
}

pln_status pln_month_parse(const char *s, pln_date *first, pln_date *last)
{
    int y, m;
    pln_status st;
    if (strlen(s) != 7)
        return PLN_ESYNTAX;
    st = parse_ym(s, &y, &m);
    if (st != PLN_OK)
        return st;
    *first = pln_date_from_ymd(y, m, 1);
    *last = pln_date_from_ymd(y, m, pln_month_days(y, m));
    return PLN_OK;
}

pln_status pln_timestamp_parse(const char *s, int64_t *out)
{
    char day[11];
    int hh, mm, ss;
    pln_date d;
    pln_status st;
    if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != 'Z')
        return PLN_ESYNTAX;
    memcpy(day, s, 10);
    day[10] = '\0';
    st = pln_date_parse(day, &d);
    if (st != PLN_OK)
        return st;
    if (digits(s + 11, 2, &hh) || digits(s + 14, 2, &mm) ||
        digits(s + 17, 2, &ss))
        return PLN_ESYNTAX;
    if (hh > 23 || mm > 59 || ss > 59)
        return PLN_ERANGE;
    *out = (int64_t)d * 86400 + hh * 3600 + mm * 60 + ss;
    return PLN_OK;
}
