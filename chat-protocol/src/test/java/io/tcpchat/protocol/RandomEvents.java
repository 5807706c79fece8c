package io.tcpchat.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random events, frames and hostile byte streams for the property tests; seeded, so reproducible. */
final class RandomEvents {

    private final SplittableRandom random;

    RandomEvents(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    long natural() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE;
            default -> random.nextLong(Long.MAX_VALUE);
        };
    }

    Long maybe(long value) {
        return random.nextBoolean() ? value : null;
    }

    byte[] bytes(int min, int max) {
        byte[] b = new byte[between(min, max)];
        random.nextBytes(b);
        return b;
    }

    /** Text of any code points (supplementary ones too), never a lone surrogate. */
    String text(int min, int max) {
        int n = between(min, max);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20, 0x7F);
                case 1 -> random.nextInt(0, 0x20);
                case 2 -> random.nextInt(0x80, 0xD800);
                default -> random.nextInt(0x10000, 0x110000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    String ref() {
        return random.nextInt(3) == 0 ? null : text(0, 64);
    }

    ClientEvent clientEvent() {
        return switch (random.nextInt(10)) {
            case 0 -> new ClientEvent.Hello(1, text(1, 32), random.nextBoolean() ? text(1, 40) : null,
                    random.nextBoolean() ? text(1, 20) : null, maybe(natural()), ref());
            case 1 -> new ClientEvent.Send(text(1, 300), random.nextBoolean() ? text(1, 32) : null,
                    random.nextBoolean() ? text(1, 33) : null, random.nextBoolean() ? text(1, 10) : null, ref());
            case 2 -> new ClientEvent.Upload(text(1, 100), natural(), "ab".repeat(32),
                    random.nextBoolean() ? text(1, 32) : null, ref());
            case 3 -> new ClientEvent.Download(natural(), maybe(natural()), ref());
            case 4 -> new ClientEvent.Cancel(natural(), ref());
            case 5 -> new ClientEvent.Who(ref());
            case 6 -> new ClientEvent.HistoryQuery(maybe(natural()), random.nextBoolean() ? between(0, 1000) : null, ref());
            case 7 -> new ClientEvent.Register(text(1, 64), ref());
            case 8 -> new ClientEvent.Ping(ref());
            default -> new ClientEvent.Bye(ref());
        };
    }

    ServerEvent.Stored storedEvent() {
        Instant ts = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
        return switch (random.nextInt(4)) {
            case 0 -> new ServerEvent.ChatMessage(natural(), ts, text(1, 32), text(1, 300),
                    random.nextBoolean() ? text(1, 32) : null, random.nextBoolean() ? text(1, 33) : null,
                    random.nextBoolean() ? "action" : null);
            case 1 -> new ServerEvent.Joined(natural(), ts, text(1, 32));
            case 2 -> new ServerEvent.Left(natural(), ts, text(1, 32),
                    LeaveReason.values()[random.nextInt(LeaveReason.values().length)].wire());
            default -> new ServerEvent.FileAvailable(natural(), ts, text(1, 32), natural(), text(1, 100), natural(),
                    "cd".repeat(32), random.nextBoolean() ? text(1, 32) : null);
        };
    }

    ServerEvent serverEvent() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> storedEvent();
            case 2 -> new ServerEvent.Ack(ref(), maybe(natural()), maybe(natural()));
            case 3 -> new ServerEvent.ErrorEvent(ErrorCode.values()[random.nextInt(ErrorCode.values().length)].wire(),
                    text(0, 100), ref(), maybe(natural()));
            case 4 -> {
                List<ServerEvent.Stored> events = new ArrayList<>();
                for (int i = between(0, 5); i > 0; i--) {
                    events.add(storedEvent());
                }
                yield new ServerEvent.HistoryPage(events, random.nextBoolean(), ref());
            }
            case 5 -> new ServerEvent.Welcome(1, text(1, 32), text(1, 20), text(1, 20),
                    new ServerEvent.Limits(between(1, 1 << 24), between(1, 10000), natural(), between(1, 1 << 20)), ref());
            case 6 -> new ServerEvent.DownloadStart(natural(), text(1, 100), natural(), "ef".repeat(32), natural(), ref());
            default -> new ServerEvent.UploadReady(ref(), natural(), between(1, 1 << 20));
        };
    }

    /** Bytes a hostile or broken peer might send: noise, plausible headers over junk, JSON-ish junk. */
    byte[] hostileStream(int maxFrame) {
        return switch (random.nextInt(3)) {
            case 0 -> bytes(0, 6000);
            case 1 -> {
                byte[] tail = bytes(0, 5000);
                byte[] b = new byte[5 + tail.length];
                int length = switch (random.nextInt(4)) {
                    case 0 -> maxFrame;
                    case 1 -> maxFrame + 1;
                    case 2 -> random.nextInt(Integer.MAX_VALUE);
                    default -> random.nextInt(0, 64);
                };
                Bytes.putInt(b, 0, length);
                b[4] = new byte[] {'J', 'D', 'X'}[random.nextInt(3)];
                System.arraycopy(tail, 0, b, 5, tail.length);
                yield b;
            }
            default -> {
                String alphabet = "{}[]\":,typehlomsg 0123\\u";
                StringBuilder sb = new StringBuilder();
                for (int i = between(0, 300); i > 0; i--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                yield FrameEncoder.json(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }
}
