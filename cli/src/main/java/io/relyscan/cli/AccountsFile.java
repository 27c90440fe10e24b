package io.relyscan.cli;

import io.relyscan.core.error.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads an --accounts-file: one 12-digit account id per line; blank lines and {@code #} comments are ignored. */
final class AccountsFile {
    static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private AccountsFile() {
    }

    /** @throws InputException for an unreadable file, or {@code file:line: ...} for the first bad id */
    static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InputException("--accounts-file: cannot read " + file + ": " + e.getMessage());
        }
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!ACCOUNT.matcher(id).matches()) {
                throw new InputException(file + ":" + (i + 1) + ": '" + id + "' is not a 12-digit AWS account id");
            }
            accounts.add(id);
        }
        if (accounts.isEmpty()) {
            throw new InputException("--accounts-file: " + file + " names no account");
        }
        return accounts;
    }
}
