package io.tcpchat.server.rooms;

import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.session.SessionRegistry;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Rooms: two books of the same fold, one decided ahead on the store thread (the gate's), one
 * published (the live one), both loaded from the room tables at startup. With an in-memory
 * history the tables are neither read nor written: rooms live as long as the process.
 */
@Configuration(proxyBeanMethods = false)
class RoomsConfiguration {

    @Bean
    RoomSettings roomSettings(ChatProperties properties) {
        return RoomSettings.of(properties.rooms());
    }

    @Bean
    @DependsOnDatabaseInitialization
    RoomTables roomTables(DataSource dataSource, RoomSettings settings) {
        return new RoomTables(dataSource, settings.inviteTtl());
    }

    @Bean
    RoomGate roomGate(RoomTables tables, RoomSettings settings, AccountService accounts, Clock clock,
                      ChatProperties properties) {
        RoomBook book = new RoomBook(settings.inviteTtl());
        RoomTables used = durable(properties) ? tables : null;
        if (used != null) {
            used.load(book);
        }
        return new RoomGate(book, new RoomDecider(book, settings, accounts::isAdmin), used, clock);
    }

    @Bean
    LiveRooms liveRooms(RoomTables tables, RoomSettings settings, SessionRegistry registry, ChatProperties properties) {
        RoomBook book = new RoomBook(settings.inviteTtl());
        long loadedAt = durable(properties) ? tables.load(book) : 0;
        return new LiveRooms(book, registry, settings.enabled(), loadedAt);
    }

    @Bean
    RoomService roomService(EventLog eventLog, LiveRooms live, SessionRegistry registry, AccountService accounts,
                            RoomSettings settings) {
        return new RoomService(eventLog, new RoomAnswers(live.book(), registry), accounts, settings);
    }

    /** With the history's retention interval; only for the JDBC history, whose tables it prunes. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    RoomRetention roomRetention(DataSource dataSource, Clock clock, ChatProperties properties) {
        return new RoomRetention(dataSource, clock, durable(properties)
                ? properties.history().retention().interval() : java.time.Duration.ofDays(365));
    }

    private static boolean durable(ChatProperties properties) {
        return properties.history().store() == ChatProperties.History.StoreType.JDBC;
    }
}
