package dev.mailroom.support;

import dev.mailroom.egress.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver that gives scripted answers for the names a test sets up, in order (the last one repeats),
 * and counts the questions; other names go to the system resolver. Answers are IP literals, so nothing
 * ever asks real DNS for a scripted name.
 */
public final class ScriptedResolver implements HostResolver {

    private final Map<String, Deque<List<String>>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> questions = new ConcurrentHashMap<>();

    /** From now on {@code host} answers {@code first}, then each following answer once, the last for ever. */
    @SafeVarargs
    public final void answer(String host, List<String> first, List<String>... then) {
        var queue = new ArrayDeque<List<String>>();
        queue.add(first);
        queue.addAll(List.of(then));
        scripts.put(host, queue);
        questions.put(host, new AtomicInteger());
    }

    public int questions(String host) {
        var count = questions.get(host);
        return count == null ? 0 : count.get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        var script = scripts.get(host);
        if (script == null) {
            return HostResolver.system().resolve(host);
        }
        questions.get(host).incrementAndGet();
        List<String> answer;
        synchronized (script) {
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        var addresses = new InetAddress[answer.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = InetAddress.getByAddress(
                    host, InetAddress.getByName(answer.get(i)).getAddress());
        }
        return addresses;
    }
}
