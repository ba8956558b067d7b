package io.scce4j.archfixture.backend.one;

/** Breaks: a backend that uses another backend, the cli, the api, and TensorFlow and ND4J from outside theirs. */
public final class FirstBackend {
    public Object other() {
        Object api = io.scce4j.archfixture.api.LeakyApi.class;
        Object cli = new io.scce4j.archfixture.cli.BadCli();
        Object tf = new org.tensorflow.StandInTensorFlowClass();
        Object nd4j = new org.nd4j.StandInNd4jClass();
        return new io.scce4j.archfixture.backend.two.SecondBackend();
    }
}
