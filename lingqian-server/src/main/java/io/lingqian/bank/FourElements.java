package io.lingqian.bank;

/**
 * The four elements (四要素) a bank checks before a card is bound: the holder's name and resident ID
 * number, the card number and the phone number the holder registered with the bank. Never logged:
 * {@link #toString()} shows the last four digits of the card only.
 */
public record FourElements(String name, String idNumber, String cardNumber, String phone) {

    @Override
    public String toString() {
        return "FourElements[card " + CardNumbers.mask(CardNumbers.lastFour(cardNumber)) + "]";
    }
}
