/**
 * The optional AI tutor: one client for the OpenAI-compatible chat-completions API, which OpenAI, Ollama
 * ({@code http://localhost:11434/v1}) and llama.cpp's server ({@code http://localhost:8080/v1}) all speak.
 *
 * <pre>
 *   TutorConfig    where the provider is (url, model, key), from the workspace's .companion/tutor.json and the
 *                  COMPANION_TUTOR_URL / _MODEL / _KEY environment variables
 *   Prompt         the Socratic system prompt and the context, cut to a size budget
 *   ChatClient     POST {url}/chat/completions, whole or streamed (server-sent "data:" chunks until [DONE])
 *   ReplyGuard     the local post-filter: holds back code blocks, rejects long code and text overlapping the
 *                  reference solution ({@link companion.course.guidance.tutor.SolutionText})
 *   Tutor          ties them together; a rejected reply gives way to the offline hint
 * </pre>
 *
 * <p>Invariants: nothing of the reference solution is ever sent (the context holds the lesson, the failure and
 * the learner's own files); a reply is shown only line by line after the guard has passed it, so a withdrawn reply
 * was never shown in part beyond lines that were themselves harmless; every error is a
 * {@link companion.course.guidance.tutor.TutorException} that says what to do.
 *
 * <p>Simplifications against real assistants: no tool calls, no conversation memory (each question is sent with
 * its context, alone), no retries (a 429's Retry-After is reported, not slept on). See {@code docs/guidance.md}.
 */
package companion.course.guidance.tutor;
