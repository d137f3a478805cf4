package io.cascade4j.core;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, each shielded from the others and from the query: a throwing listener is only logged. */
final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final CascadeListener[] listeners;

  Listeners(List<CascadeListener> listeners) {
    this.listeners = listeners.toArray(CascadeListener[]::new);
  }

  void cascadeStarted(String cascade, List<String> stages) {
    for (CascadeListener listener : listeners) {
      try {
        listener.cascadeStarted(cascade, stages);
      } catch (RuntimeException e) {
        complain(listener, e);
      }
    }
  }

  void queryStarted(String cascade, Query query) {
    for (CascadeListener listener : listeners) {
      try {
        listener.queryStarted(cascade, query);
      } catch (RuntimeException e) {
        complain(listener, e);
      }
    }
  }

  void stageFinished(String cascade, Query query, StageOutcome outcome) {
    for (CascadeListener listener : listeners) {
      try {
        listener.stageFinished(cascade, query, outcome);
      } catch (RuntimeException e) {
        complain(listener, e);
      }
    }
  }

  void answered(String cascade, Query query, Answer answer) {
    for (CascadeListener listener : listeners) {
      try {
        listener.answered(cascade, query, answer);
      } catch (RuntimeException e) {
        complain(listener, e);
      }
    }
  }

  private static void complain(CascadeListener listener, RuntimeException e) {
    log.warn("cascade listener {} threw, ignored: {}", listener.getClass().getName(), e.toString());
  }
}
