/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_WORKER_HELPER_H
#define SELMCAST_WORKER_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

/**
 * \file
 * \ingroup selmcast
 * Installs SelmcastWorker applications on nodes.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * Creates SelmcastWorker applications with the attributes set here and installs them on nodes.
 * It only wires: the protocol lives in SelmcastWorker.
 */
class SelmcastWorkerHelper
{
  public:
    /** A helper that creates SelmcastWorker applications with default attributes. */
    SelmcastWorkerHelper();

    /**
     * Set an attribute of the workers created from now on (not WorkerId, which Install sets).
     * \param name the attribute's name
     * \param value its value
     */
    void SetAttribute(std::string name, const AttributeValue& value);

    /**
     * Install one worker per node. The worker on c.Get(i) gets WorkerId first + i, so that the
     * ids are the workers' indices in the selection problem when c lists them in that order.
     * \param c the nodes
     * \param first the id of the first worker
     * \return the workers, in the order of c
     */
    ApplicationContainer Install(NodeContainer c, uint32_t first = 0) const;

    /**
     * Install one worker.
     * \param node the node
     * \param workerId the id it puts in its headers
     * \return the worker
     */
    ApplicationContainer Install(Ptr<Node> node, uint32_t workerId) const;

  private:
    ObjectFactory m_factory; //!< creates the workers
};

} // namespace ns3

#endif /* SELMCAST_WORKER_HELPER_H */
