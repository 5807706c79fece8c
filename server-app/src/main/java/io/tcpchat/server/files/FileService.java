package io.tcpchat.server.files;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.session.Session;
import org.springframework.stereotype.Service;

/** Uploads, downloads and cancels. (Store and forward comes with the files feature.) */
@Service
public class FileService {

    public void upload(Session session, ClientEvent.Upload upload) throws RequestException {
        throw new RequestException(ErrorCode.BAD_REQUEST, "files are not enabled on this server", upload.ref());
    }

    public void data(Session session, Frame.Data data) {
        session.send(new ServerEvent.ErrorEvent(ErrorCode.NOT_FOUND.wire(), "no upload " + data.file(), null, data.file()));
    }

    public void download(Session session, ClientEvent.Download download) throws RequestException {
        throw new RequestException(ErrorCode.NOT_FOUND, "no file " + download.file(), download.ref());
    }

    public void cancel(Session session, ClientEvent.Cancel cancel) throws RequestException {
        throw new RequestException(ErrorCode.NOT_FOUND, "no transfer of file " + cancel.file(), cancel.ref());
    }
}
