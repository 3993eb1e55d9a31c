package dev.beampipe.cli.slurm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A terminal whose answers are fixed in advance; records the questions asked. */
final class ScriptedPrompter implements Prompter {
    private final boolean interactive;
    private final Deque<String> secrets;
    private final boolean answer;
    final List<String> asked = new java.util.ArrayList<>();

    private ScriptedPrompter(boolean interactive, List<String> secrets, boolean answer) {
        this.interactive = interactive;
        this.secrets = new ArrayDeque<>(secrets);
        this.answer = answer;
    }

    static ScriptedPrompter none() {
        return new ScriptedPrompter(false, List.of(), false);
    }

    static ScriptedPrompter answering(boolean answer, String... secrets) {
        return new ScriptedPrompter(true, List.of(secrets), answer);
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public char[] secret(String prompt) {
        asked.add(prompt);
        return secrets.isEmpty() ? new char[0] : secrets.pop().toCharArray();
    }

    @Override
    public boolean confirm(String prompt) {
        asked.add(prompt);
        return answer;
    }
}
