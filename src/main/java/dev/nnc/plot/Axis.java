package dev.nnc.plot;

/** What an axis of a {@link Chart} shows: its label and the data range it spans. */
public record Axis(String label, double min, double max) {}
