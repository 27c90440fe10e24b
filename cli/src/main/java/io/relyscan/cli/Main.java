package io.relyscan.cli;

/** Entry point of the runnable jar; the only place that calls System.exit. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Relyscan.run(System.out, System.err, System.getenv(), args));
    }
}
