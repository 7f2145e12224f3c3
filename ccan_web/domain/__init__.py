"""Constants and pure rules of the network's domain: countries, sectors, languages, membership."""
