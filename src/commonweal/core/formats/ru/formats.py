# Russian (see commonweal/core/formats/__init__.py): CLDR's "d MMMM y 'г'." with the month
# in the genitive ("12 марта 2019 г.", Django's "E"); a comma before the decimals and a
# no-break space between thousands.
DATE_FORMAT = "j E Y г."
DATETIME_FORMAT = "j E Y г., H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y г."
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
