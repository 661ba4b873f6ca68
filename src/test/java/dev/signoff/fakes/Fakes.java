package dev.signoff.fakes;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Hand-written stand-ins for the servlet interfaces, for unit tests of single classes: each fake keeps plain fields
 * and answers the methods Signoff calls; any other method fails the test loudly.
 */
public final class Fakes {

    private Fakes() {
    }

    /** A method implementation of a fake: receives the arguments. */
    @FunctionalInterface
    public interface Answer {
        Object answer(Object[] args) throws Exception;
    }

    /** A proxy of {@code type} answering the methods named in {@code answers}. */
    @SuppressWarnings("unchecked")
    public static <T> T proxy(Class<T> type, Map<String, Answer> answers) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Answer answer = answers.get(method.getName());
            if (answer != null) {
                try {
                    return answer.answer(args == null ? new Object[0] : args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            switch (method.getName()) {
                case "toString" -> {
                    return "fake " + type.getSimpleName();
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "equals" -> {
                    return self == args[0];
                }
                default -> throw new UnsupportedOperationException("the fake " + type.getSimpleName() + " does not answer " + method.getName());
            }
        });
    }

    static ServletInputStream input(byte[] bytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static ServletOutputStream output(ByteArrayOutputStream out) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
