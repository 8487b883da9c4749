package dev.nnc.playground;

/** One example of a playground data set: a place in the plane and its label. */
public record Point(double x1, double x2, double label) {}
