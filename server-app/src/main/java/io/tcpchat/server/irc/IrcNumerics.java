package io.tcpchat.server.irc;

/**
 * The numeric replies the gateway sends, named as in RFC 2812 §5 (RFC 1459 §6), the
 * modern IRC client protocol draft (modern.ircdocs.horse) and IRCv3 (sasl-3.1, ERR_INPUTTOOLONG).
 */
final class IrcNumerics {

    static final String RPL_WELCOME = "001";
    static final String RPL_YOURHOST = "002";
    static final String RPL_CREATED = "003";
    static final String RPL_MYINFO = "004";
    static final String RPL_ISUPPORT = "005";
    static final String RPL_UMODEIS = "221";
    static final String RPL_AWAY = "301";
    static final String RPL_USERHOST = "302";
    static final String RPL_ISON = "303";
    static final String RPL_WHOISUSER = "311";
    static final String RPL_WHOISSERVER = "312";
    static final String RPL_ENDOFWHO = "315";
    static final String RPL_ENDOFWHOIS = "318";
    static final String RPL_WHOISCHANNELS = "319";
    static final String RPL_LISTSTART = "321";
    static final String RPL_LIST = "322";
    static final String RPL_LISTEND = "323";
    static final String RPL_CHANNELMODEIS = "324";
    static final String RPL_NOTOPIC = "331";
    static final String RPL_TOPIC = "332";
    static final String RPL_TOPICWHOTIME = "333";
    static final String RPL_INVITING = "341";
    static final String RPL_WHOREPLY = "352";
    static final String RPL_NAMREPLY = "353";
    static final String RPL_ENDOFNAMES = "366";
    static final String RPL_BANLIST = "367";
    static final String RPL_ENDOFBANLIST = "368";
    static final String RPL_MOTD = "372";
    static final String RPL_MOTDSTART = "375";
    static final String RPL_ENDOFMOTD = "376";
    static final String ERR_NOSUCHNICK = "401";
    static final String ERR_NOSUCHCHANNEL = "403";
    static final String ERR_CANNOTSENDTOCHAN = "404";
    static final String ERR_TOOMANYCHANNELS = "405";
    static final String ERR_NORECIPIENT = "411";
    static final String ERR_NOTEXTTOSEND = "412";
    static final String ERR_INPUTTOOLONG = "417";
    static final String ERR_UNKNOWNCOMMAND = "421";
    static final String ERR_NOMOTD = "422";
    static final String ERR_NONICKNAMEGIVEN = "431";
    static final String ERR_ERRONEUSNICKNAME = "432";
    static final String ERR_NICKNAMEINUSE = "433";
    static final String ERR_USERNOTINCHANNEL = "441";
    static final String ERR_NOTONCHANNEL = "442";
    static final String ERR_USERONCHANNEL = "443";
    static final String ERR_NOTREGISTERED = "451";
    static final String ERR_NEEDMOREPARAMS = "461";
    static final String ERR_ALREADYREGISTERED = "462";
    static final String ERR_PASSWDMISMATCH = "464";
    static final String ERR_CHANNELISFULL = "471";
    static final String ERR_UNKNOWNMODE = "472";
    static final String ERR_INVITEONLYCHAN = "473";
    static final String ERR_BANNEDFROMCHAN = "474";
    static final String ERR_BADCHANMASK = "476";
    static final String ERR_CHANOPRIVSNEEDED = "482";
    static final String ERR_UMODEUNKNOWNFLAG = "501";
    static final String ERR_USERSDONTMATCH = "502";
    static final String RPL_LOGGEDIN = "900";
    static final String RPL_SASLSUCCESS = "903";
    static final String ERR_SASLFAIL = "904";
    static final String ERR_SASLTOOLONG = "905";
    static final String ERR_SASLABORTED = "906";
    static final String RPL_SASLMECHS = "908";

    private IrcNumerics() {
    }
}
