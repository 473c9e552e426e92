"""Documents for the public: the daily notice of a market's rapid tests (PDF and screen PNG) and
the list of star-rated businesses. Drawn without Qt, so headless machines can write them."""
