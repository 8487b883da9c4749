package dev.nnc;

import dev.nnc.autodiff.Backward;
import dev.nnc.ir.Program;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.schedule.KernelProgram;

/**
 * Everything one compilation produced, stage by stage, for running and for inspection.
 *
 * @param lowered the program as lowered, before simplification
 * @param rawBackward the backward program before simplification (null without an objective)
 * @param program the simplified program
 * @param backward the simplified backward program (null without an objective)
 */
public record Compilation(
    Program lowered,
    Backward rawBackward,
    Program program,
    Backward backward,
    KernelProgram kernel,
    byte[] classBytes,
    CompiledProgram compiled) {}
