-- What a provider offers (issue 5; seed 002 "een overzicht van aanbieders
-- en arrangementen"): products of the normenkader, each in general ('') or
-- within an arrangement (an OJA school's name).
CREATE TABLE aanbod (
    aanbieder   BIGINT NOT NULL REFERENCES organisatie (id),
    product     TEXT NOT NULL,
    arrangement TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (aanbieder, product, arrangement)
);
