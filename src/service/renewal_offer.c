/* What the desk offers a caller instead of a renewal the catalogue refused (CS-ALT), from what
 * the catalogue says of the card and the item: never a hold the card may not place. */
#include "service/renewal.h"

/* Blocks that stop this card renewing or borrowing at all: the catalogue says what to do. */
static const unsigned card_blocks =
	1u << ILS_BLOCK_CHARGE | 1u << ILS_BLOCK_RENEWAL | 1u << ILS_BLOCK_CARD_LOST |
	1u << ILS_BLOCK_EXCESSIVE_FINES | 1u << ILS_BLOCK_EXCESSIVE_FEES |
	1u << ILS_BLOCK_TOO_MANY_LOST | 1u << ILS_BLOCK_TOO_MANY_BILLED |
	1u << ILS_BLOCK_TOO_MANY_CLAIMS | 1u << ILS_BLOCK_RECALL_OVERDUE;

enum renewal_offer renewal_offer_for(const struct ils_patron *card, int hold_queue)
{
	if (card && (card->blocks & card_blocks))
		return RENEWAL_OFFER_CARD_BLOCKED;
	if (hold_queue > 0)
		return RENEWAL_OFFER_RETURN_THEN_HOLD;
	return RENEWAL_OFFER_RETURN_OR_REQUEST;
}

const char *renewal_offer_name(enum renewal_offer o)
{
	static const char *const names[RENEWAL_OFFER__MAX] = {
		[RENEWAL_OFFER_NONE] = NULL,
		[RENEWAL_OFFER_CARD_BLOCKED] = "card_blocked",
		[RENEWAL_OFFER_RETURN_THEN_HOLD] = "return_then_hold",
		[RENEWAL_OFFER_RETURN_OR_REQUEST] = "return_or_request",
	};
	return o < RENEWAL_OFFER__MAX ? names[o] : NULL;
}
