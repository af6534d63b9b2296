package io.lingqian.wallet;

/**
 * A verified person as the wallet shows them: masked name and ID number, how many banks have
 * confirmed them (verification channels) and the account class that earns.
 */
public record Identity(long id, String maskedName, String maskedIdNumber, int channels, AccountClass accountClass,
                       long withdrawalFreeUsedFen) {
}
