package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import static io.tcpchat.bench.OrderChecker.Outcome.DUPLICATE;
import static io.tcpchat.bench.OrderChecker.Outcome.INVALID;
import static io.tcpchat.bench.OrderChecker.Outcome.IN_ORDER;
import static io.tcpchat.bench.OrderChecker.Outcome.OUT_OF_ORDER;
import static org.assertj.core.api.Assertions.assertThat;

class OrderCheckerTests {

    @Test
    void aCompleteOrderedStreamCountsNothingWrong() {
        OrderChecker checker = new OrderChecker(2, 5, -1);
        for (int seq = 1; seq <= 5; seq++) {
            assertThat(checker.record(0, seq)).isEqualTo(IN_ORDER);
            assertThat(checker.record(1, seq)).isEqualTo(IN_ORDER);
        }
        assertThat(checker.complete()).isTrue();
        assertThat(checker.distinct()).isEqualTo(10);
        assertThat(checker.lost()).isZero();
        assertThat(checker.duplicates()).isZero();
        assertThat(checker.outOfOrder()).isZero();
    }

    @Test
    void aGapIsCountedAsLost() {
        OrderChecker checker = new OrderChecker(1, 5, -1);
        for (long seq : new long[] {1, 2, 4, 5}) {
            assertThat(checker.record(0, seq)).isEqualTo(IN_ORDER);
        }
        assertThat(checker.complete()).isFalse();
        assertThat(checker.lost()).isEqualTo(1);
        assertThat(checker.duplicates()).isZero();
        assertThat(checker.outOfOrder()).isZero();
    }

    @Test
    void aDuplicateIsCountedOnceAndNotAsDelivered() {
        OrderChecker checker = new OrderChecker(1, 3, -1);
        checker.record(0, 1);
        checker.record(0, 2);
        assertThat(checker.record(0, 2)).isEqualTo(DUPLICATE);
        checker.record(0, 3);
        assertThat(checker.duplicates()).isEqualTo(1);
        assertThat(checker.distinct()).isEqualTo(3);
        assertThat(checker.lost()).isZero();
        assertThat(checker.complete()).isTrue();
    }

    @Test
    void aReorderIsCountedAndTheLateNumberIsNotLost() {
        OrderChecker checker = new OrderChecker(1, 4, -1);
        checker.record(0, 1);
        checker.record(0, 3);
        assertThat(checker.record(0, 2)).isEqualTo(OUT_OF_ORDER);
        checker.record(0, 4);
        assertThat(checker.outOfOrder()).isEqualTo(1);
        assertThat(checker.lost()).isZero();
        assertThat(checker.duplicates()).isZero();
        assertThat(checker.complete()).isTrue();
    }

    @Test
    void aGapADuplicateAndAReorderInOneStreamAreEachCounted() {
        OrderChecker checker = new OrderChecker(3, 10, -1);
        // sender 0: 5 never comes, 7 twice, 9 before 8
        for (long seq : new long[] {1, 2, 3, 4, 6, 7, 7, 9, 8, 10}) {
            checker.record(0, seq);
        }
        // sender 1 is fine, sender 2 sends nothing at all
        for (long seq = 1; seq <= 10; seq++) {
            checker.record(1, seq);
        }
        assertThat(checker.lost()).isEqualTo(1 + 10);
        assertThat(checker.duplicates()).isEqualTo(1);
        assertThat(checker.outOfOrder()).isEqualTo(1);
        assertThat(checker.distinct()).isEqualTo(19);
    }

    @Test
    void aDuplicateOfANumberThatArrivedEarlyIsCaught() {
        OrderChecker checker = new OrderChecker(1, 10, -1);
        checker.record(0, 1);
        checker.record(0, 5);
        assertThat(checker.record(0, 5)).isEqualTo(DUPLICATE);
        assertThat(checker.record(0, 2)).isEqualTo(OUT_OF_ORDER);
        assertThat(checker.record(0, 2)).isEqualTo(DUPLICATE);
        assertThat(checker.duplicates()).isEqualTo(2);
        assertThat(checker.outOfOrder()).isEqualTo(1);
    }

    @Test
    void aReceiverExpectsNothingFromItselfAndNumbersOutOfRangeAreInvalid() {
        OrderChecker checker = new OrderChecker(2, 3, 1);
        assertThat(checker.expectedTotal()).isEqualTo(3);
        assertThat(checker.record(1, 1)).isEqualTo(INVALID);
        assertThat(checker.record(0, 0)).isEqualTo(INVALID);
        assertThat(checker.record(0, 4)).isEqualTo(INVALID);
        assertThat(checker.record(2, 1)).isEqualTo(INVALID);
        assertThat(checker.invalid()).isEqualTo(4);
        checker.record(0, 1);
        checker.record(0, 2);
        checker.record(0, 3);
        assertThat(checker.complete()).isTrue();
    }

    @Test
    void aLongShuffledStreamEndsCompleteWithNothingLeftOver() {
        OrderChecker checker = new OrderChecker(1, 1000, -1);
        // every pair swapped: 2,1,4,3,...
        for (long seq = 1; seq <= 1000; seq += 2) {
            checker.record(0, seq + 1);
            checker.record(0, seq);
        }
        assertThat(checker.complete()).isTrue();
        assertThat(checker.outOfOrder()).isEqualTo(500);
        assertThat(checker.duplicates()).isZero();
        assertThat(checker.record(0, 1000)).isEqualTo(DUPLICATE);
    }
}
