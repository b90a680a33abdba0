package dev.aftercall.server.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.io.IOException;

/**
 * Collects a response body but refuses to hold more than {@code limit} bytes, so one target answering with a
 * huge or endless body cannot exhaust the server's memory. The limit counts decoded bytes (after gzip).
 */
final class CappedBodyCodec implements BodyCodec<Buffer> {
    private final long limit;

    CappedBodyCodec(long limit) {
        this.limit = limit;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<Buffer>>> callback) {
        callback.handle(Future.succeededFuture(new CappedBody(limit)));
    }

    /** The failure a too-large response completes with; {@link VertxHttpPort} passes it on unchanged. */
    static final class ResponseTooLarge extends IOException {
        ResponseTooLarge(long limit) {
            super("response larger than " + limit + " bytes (aftercall.outbound.max-response-bytes)");
        }
    }

    private static final class CappedBody implements BodyStream<Buffer> {
        private final long limit;
        private final Buffer collected = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        CappedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (result.future().failed()) {
                return Future.failedFuture(result.future().cause());
            }
            if (collected.length() + (long) data.length() > limit) {
                // Failing the write ends the pipe: the web client fails the response with this exception.
                ResponseTooLarge tooLarge = new ResponseTooLarge(limit);
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            collected.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                written.onComplete(handler);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(collected);
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
